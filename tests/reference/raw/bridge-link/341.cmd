ip -n uvnref1 link set veth3 type bridge_slave priority 20 cost 50
