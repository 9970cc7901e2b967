ip -n uvnref1 addr add fd00:5::1/64 dev veth1
