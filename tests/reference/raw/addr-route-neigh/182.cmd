ip -n uvnref1 -j neigh get 10.1.0.2 dev veth1
