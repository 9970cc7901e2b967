ip -n uvnref1 -6 neigh show
