bridge -n uvnref1 fdb show br br0
