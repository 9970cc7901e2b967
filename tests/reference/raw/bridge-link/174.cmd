ip -n uvnref1 -br link show veth1
