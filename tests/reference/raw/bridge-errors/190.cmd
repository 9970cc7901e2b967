ip -n uvnref1 link set veth5 type bridge_slave cost 5        # not a port
