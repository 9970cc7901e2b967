ip -n uvnref1 neigh add 10.1.0.78 lladdr 02:00:00:00:00:78 dev veth1 nud reachable
