ip -n uvnref1 route add 10.31.0.0/16 dev veth1 metric 100
