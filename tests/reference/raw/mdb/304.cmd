bridge -n uvnr-br -d -s mdb show | tail -2
