ip -n uvnref1 neigh add 10.1.0.50 lladdr 02:00:00:00:00:50 dev nosuch
