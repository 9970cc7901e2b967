ip -n uvnref1 route append 10.33.0.0/16 dev veth1
