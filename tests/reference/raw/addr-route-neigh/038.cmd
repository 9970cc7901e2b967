ip -n uvnref1 -s addr show dev veth1
