ip -n uvnref1 link set veth1 master br0; bridge -n uvnref1 fdb show brport veth1
