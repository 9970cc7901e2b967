ip -n uvnref1 -o neigh show
