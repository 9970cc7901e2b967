ip -n uvnref1 neigh flush dev veth1
