ip -n uvnref1 neigh change 10.1.0.53 lladdr 02:00:00:00:00:53 dev veth1   # does not exist
