ip -n uvnref1 link add name '' type veth
