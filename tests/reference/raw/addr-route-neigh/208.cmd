ip -n uvnref1 -j neigh show 10.1.0.99
