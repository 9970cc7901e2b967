bridge -n uvnr-br -d link show dev p1
