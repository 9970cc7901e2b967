ip -n uvnref1 addr add fd00:4::1/64 dev veth3
