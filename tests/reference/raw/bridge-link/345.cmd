ip -n uvnref1 link set br0 type bridge priority 100
