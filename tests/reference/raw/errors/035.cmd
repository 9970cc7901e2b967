ip -n uvnref1 link add lo type veth
