ip -n uvnr-br link set br0 type bridge mcast_router 1; bridge -n uvnr-br -d mdb show | tail -1
