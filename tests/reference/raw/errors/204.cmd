ip -n uvnref1 addr add 300.1.2.3/24 dev veth1
