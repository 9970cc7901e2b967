ip -n uvnref2 -s link show veth2
