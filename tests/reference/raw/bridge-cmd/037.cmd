bridge -n uvnref1 link show dev br0
