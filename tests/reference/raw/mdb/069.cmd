bridge -n uvnr-br -s mdb show
