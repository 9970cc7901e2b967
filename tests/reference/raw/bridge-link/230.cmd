ip -n uvnref1 link set veth1 type bridge_slave mcast_router 0
