ip -n uvnref1 link set veth3 master br0
