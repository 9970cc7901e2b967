ip -n uvnref1 link add br0 type bridge
