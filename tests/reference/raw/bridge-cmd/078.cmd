bridge -n uvnref1 -o fdb show brport veth1
