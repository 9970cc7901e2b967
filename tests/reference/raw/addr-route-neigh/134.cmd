ip -n uvnref1 route prepend 10.34.0.0/16 dev veth1
