bridge -n uvnref1 fdb show br br0 | grep 01:01
