ip -n uvnref1 neigh add bogus lladdr 02:00:00:00:00:50 dev veth1
