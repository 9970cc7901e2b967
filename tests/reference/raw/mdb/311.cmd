ip -n uvnr-br link set p1 type bridge_slave mcast_router 3; bridge -n uvnr-br -d -s mdb show | tail -2   # 3 = temp: (re)starts the router timer
