ip -n uvnref1 -6 route add fd00:21::/48 dev veth1 metric 50
