ip -n uvnref2 -s neigh show
