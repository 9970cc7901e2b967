ip -n uvnref1 -s -j -p link show veth1
