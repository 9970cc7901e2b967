ip -n uvnref1 neigh del 10.1.0.77 dev veth1
