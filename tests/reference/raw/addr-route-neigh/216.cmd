ip -n uvnref1 neigh add 10.1.0.81 dev veth1 nud failed
