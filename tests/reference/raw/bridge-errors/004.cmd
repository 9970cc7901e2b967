ip -n uvnref1 link add br1 type bridge
