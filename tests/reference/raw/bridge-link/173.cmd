ip -n uvnref1 -j link show veth1
