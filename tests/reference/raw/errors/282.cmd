ip -n uvnref1 neigh del 10.1.0.51 dev veth1
