ip -n uvnref3 link set veth31 master br0; ip -n uvnref3 link set veth32 master br0
