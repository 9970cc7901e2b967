bridge -n uvnr-br -d -s mdb show | grep 239.3.3.2
