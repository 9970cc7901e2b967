ip -n uvnref1 neigh add 10.1.0.77 lladdr 02:00:00:00:00:77 dev veth1
