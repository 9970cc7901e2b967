ip -n uvnr-br link set p2 type bridge_slave mcast_router 2   # permanent router port
