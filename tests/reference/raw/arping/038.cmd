ip -n uvnref2 neigh show dev veth2
