sleep 2.2; bridge -n uvnr-br -s mdb show | grep 239.10.0.1
