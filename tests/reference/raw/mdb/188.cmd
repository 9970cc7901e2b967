bridge -n uvnr-br -d mdb show | grep -E '239.3|ff0e::3'
