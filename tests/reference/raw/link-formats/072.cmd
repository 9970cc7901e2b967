ip -n uvnref1 -s -s link show veth1
