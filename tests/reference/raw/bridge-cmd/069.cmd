bridge -n uvnref1 -d -s fdb show brport veth3
