ip -n uvnref1 link show dev veth5
