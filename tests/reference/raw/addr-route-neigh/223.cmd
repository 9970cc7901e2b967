ip -n uvnref1 neigh replace 10.1.0.77 lladdr 02:00:00:00:07:77 dev veth1
