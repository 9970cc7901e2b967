ip -n uvnref1 -4 neigh
