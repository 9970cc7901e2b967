ip -n uvnr-br link set p1 type bridge_slave mcast_router 4
