ip -n uvnref1 link set veth1 type bridge_slave state 3
