bridge -n uvnref1 fdb show brport veth5
