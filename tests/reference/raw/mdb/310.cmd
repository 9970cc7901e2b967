ip -n uvnr-br link set p2 type bridge_slave mcast_router 1; ip -n uvnr-br link set p3 type bridge_slave mcast_router 1; bridge -n uvnr-br -d -s mdb show | tail -2
