ip -n uvnref1 link add foo mtu 70000 type veth
