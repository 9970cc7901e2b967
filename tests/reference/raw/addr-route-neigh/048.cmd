ip -n uvnref1 -6 addr show dev veth1 scope link
