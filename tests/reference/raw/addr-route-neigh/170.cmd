ip -n uvnref2 neigh show
