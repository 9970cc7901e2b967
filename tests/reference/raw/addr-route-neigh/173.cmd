ip -n uvnref1 -j neigh show
