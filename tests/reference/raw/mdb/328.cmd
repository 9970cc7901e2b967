bridge -n uvnr-br -j -d link show dev p1
