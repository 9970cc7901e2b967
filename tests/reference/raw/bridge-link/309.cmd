ip -n uvnref1 link set br0 down
