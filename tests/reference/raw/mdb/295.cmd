bridge -n uvnr-br -d mdb show | tail -2
