ip -n uvnref1 neigh add 10.1.0.50 lladdr zz dev veth1
