ip -n uvnref2 addr add 10.2.0.2/24 dev veth23
