bridge -n uvnref1 fdb show br br0 brport veth3
