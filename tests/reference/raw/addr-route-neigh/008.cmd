ip -n uvnref1 addr add 10.9.0.1/16 dev veth1
