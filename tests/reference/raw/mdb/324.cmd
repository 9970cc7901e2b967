ip -n uvnr-br link set p1 type bridge_slave mcast_router 2 mcast_fast_leave on mcast_flood off mcast_to_unicast on
