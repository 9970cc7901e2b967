bridge -n uvnref1 -d fdb show brport veth5
