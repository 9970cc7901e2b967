ip -n uvnref1 neigh flush
