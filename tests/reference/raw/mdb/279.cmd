bridge -n uvnr-br -d -s -j mdb show
