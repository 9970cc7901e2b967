ip -n uvnref1 neigh add 10.1.0.80 lladdr 02:00:00:00:00:80 dev veth1 nud noarp
