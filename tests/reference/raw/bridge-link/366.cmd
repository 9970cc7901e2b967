ip -n uvnref1 link add br5 type bridge
