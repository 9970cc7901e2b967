bridge -n uvnref1 fdb show dev br0
