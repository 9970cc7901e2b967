ip -n uvnref1 route add 10.20.0.0/16 dev veth1                    # same prefix, other nexthop
