ip -n uvnref1 addr add fd00::1/129 dev veth1
