bridge -n uvnr-br -o mdb show
