ip -n uvnref1 addr del 10.1.2.3/25 dev veth1  # wrong prefix
