ip -n uvnref2 addr add fd00:1::2/64 dev veth2
