ip -n uvnref3 addr add 10.2.0.3/24 dev veth32
