ip -n uvnref1 link add foo mtu 20 type veth
