ip -n uvnref1 route add 10.30.0.0/16 dev veth1
