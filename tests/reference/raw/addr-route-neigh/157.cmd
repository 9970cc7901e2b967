ip -n uvnref2 addr show dev veth2
