ip -n uvnref1 addr add 10.7.0.1/24 dev veth1 valid_lft 100 preferred_lft 50
