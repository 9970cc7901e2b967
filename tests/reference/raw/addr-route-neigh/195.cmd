ip -n uvnref1 neigh show nud stale
