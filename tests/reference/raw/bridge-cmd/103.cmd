bridge -n uvnref1 -j -p fdb show brport veth5
