ip -n uvnref1 route add 10.0.0.0/33 dev veth1
