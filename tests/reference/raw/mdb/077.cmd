bridge -n uvnr-br -j mdb show dev br1
