ip -n uvnref1 neigh delete fd00:1::77 dev veth1
