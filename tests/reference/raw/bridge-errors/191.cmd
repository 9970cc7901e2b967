ip -n uvnref1 link set br0 type bridge_slave cost 5          # a bridge, not a port
