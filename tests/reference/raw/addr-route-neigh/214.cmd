ip -n uvnref1 neigh add 10.1.0.79 lladdr 02:00:00:00:00:79 dev veth1 nud stale
