ip -n uvnref1 addr add 10.8.0.1/24 dev veth1
