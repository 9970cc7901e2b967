ip -n uvnref1 route show dev veth1
