bridge -n uvnref1 -s -j -p fdb show brport veth1
