ip -n uvnref1 -s neigh show
