ip -n uvnref1 route replace 10.31.0.0/16 dev veth1 metric 100 src 10.1.0.1
