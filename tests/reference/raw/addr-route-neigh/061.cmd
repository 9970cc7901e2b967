ip -n uvnref1 -4 addr show dev veth1
