ip -n uvnref1 -s link show veth1
