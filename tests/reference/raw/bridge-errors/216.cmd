ip -n uvnref1 link set veth5 master br0 master br1   # master given twice
