ip -n uvnref1 link set lo type bridge_slave cost 5   # not a port
