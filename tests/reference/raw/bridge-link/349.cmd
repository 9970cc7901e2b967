ip -n uvnref1 -s -s -d link show veth1
