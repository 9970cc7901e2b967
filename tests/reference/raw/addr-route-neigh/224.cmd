ip -n uvnref1 neigh change 10.1.0.78 lladdr 02:00:00:00:07:78 dev veth1
