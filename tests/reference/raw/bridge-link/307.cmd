ip -n uvnref1 link add veth7 type bridge_slave
