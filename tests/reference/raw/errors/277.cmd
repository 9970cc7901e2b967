ip -n uvnref1 neigh add 10.1.0.52 lladdr 02:00:00:00:00 dev veth1
