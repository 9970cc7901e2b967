bridge -n uvnr-br -d -s mdb show | grep ff0e
