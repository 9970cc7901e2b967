ip -n uvnref1 neigh add 10.1.0.54 dev veth1   # no lladdr
