bridge -n uvnr-br -d mdb show | grep 239.20.0.1
