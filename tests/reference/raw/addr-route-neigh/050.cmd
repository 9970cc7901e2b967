ip -n uvnref1 addr add fd00:7::1/64 dev veth1 valid_lft 200 preferred_lft 0
