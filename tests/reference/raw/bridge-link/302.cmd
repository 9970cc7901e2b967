ip -n uvnref1 link set veth5 master br0 type bridge_slave cost 33 priority 7
