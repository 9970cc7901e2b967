bridge -n uvnr-br -d mdb show
