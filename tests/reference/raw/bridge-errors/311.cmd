bridge -n uvnref1 link set dev br0 cost 5         # the bridge itself
