ip -n uvnref1 neigh show dev nosuch
