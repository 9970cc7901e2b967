ip -n uvnref1 addr add fd00:2::1/64 dev veth1 nodad
