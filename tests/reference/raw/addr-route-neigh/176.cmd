ip -n uvnref1 -br neigh show
