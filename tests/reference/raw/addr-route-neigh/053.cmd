ip -n uvnref1 addr change 10.7.0.1/24 dev veth1 valid_lft forever preferred_lft forever
