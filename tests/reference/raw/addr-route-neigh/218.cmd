ip -n uvnref1 neigh add 10.1.0.82 lladdr 02:00:00:00:00:82 dev veth1 router
