bridge -n uvnref1 -s fdb show brport veth1
