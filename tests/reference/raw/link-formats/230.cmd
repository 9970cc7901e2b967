ip -n uvnref1 -details link show veth1
