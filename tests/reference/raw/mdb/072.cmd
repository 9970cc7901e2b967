bridge -n uvnr-br -j mdb show
