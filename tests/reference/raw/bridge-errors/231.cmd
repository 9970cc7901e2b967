ip -n uvnref1 link show veth5
