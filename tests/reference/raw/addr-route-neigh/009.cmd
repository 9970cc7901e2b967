ip -n uvnref1 addr add 10.5.0.1/24 dev veth1 scope link
