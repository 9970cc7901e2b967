ip -n uvnref1 -s neigh show 10.1.0.99
