ip -n uvnref1 addr add fd00:1::1/64 dev veth1
