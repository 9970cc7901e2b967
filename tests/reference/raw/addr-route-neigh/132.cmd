ip -n uvnref1 route replace 10.32.0.0/16 dev veth1
