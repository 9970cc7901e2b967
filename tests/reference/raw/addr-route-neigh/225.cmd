ip -n uvnref1 neigh show 10.1.0.77
