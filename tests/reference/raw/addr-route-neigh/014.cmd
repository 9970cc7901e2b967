ip -n uvnref1 addr show dev veth1
