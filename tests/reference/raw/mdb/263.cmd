ip -n uvnr-br link set p2 type bridge_slave fastleave off
