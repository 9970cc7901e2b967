ip -n uvnref2 -6 neigh
