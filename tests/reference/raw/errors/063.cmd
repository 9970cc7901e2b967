ip -n uvnref1 link add foo address zz type veth
