ip -n uvnref1 -d -j link show veth1
