ip -n uvnref1 neigh add fd00:1::77 lladdr 02:00:00:00:00:77 dev veth1
