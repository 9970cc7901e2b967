ip -n uvnref1 link set veth1 type bridge_slave bcast_flood on
