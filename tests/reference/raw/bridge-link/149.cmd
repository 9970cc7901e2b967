ip -n uvnref1 link set veth1 master br0
