bridge -n uvnr-br -s -s mdb show
