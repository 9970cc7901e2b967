ip -n uvnref1 link add a:b type veth
