ip -n uvnref1 -s -s neigh flush all
