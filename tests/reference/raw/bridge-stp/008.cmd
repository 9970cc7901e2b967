ip -n uvnref1 link set veth12 master br0; ip -n uvnref1 link set veth13 master br0
