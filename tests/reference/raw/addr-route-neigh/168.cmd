ip -n uvnref1 neigh list
