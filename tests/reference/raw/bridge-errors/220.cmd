ip -n uvnref1 link show master veth5
