ip -n uvnr-br link set p1 type bridge_slave mcast_router 1 mcast_fast_leave off mcast_flood on mcast_to_unicast off
