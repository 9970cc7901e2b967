ip -n uvnref1 addr del fd00:7::1/64 dev veth1
