ip -n uvnref1 -6 route add fd00:20::/48 via fd00:1::2 dev veth1
