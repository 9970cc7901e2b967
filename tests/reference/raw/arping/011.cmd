ip -n uvnref2 addr add 10.1.0.2/24 dev veth2
