ip -n uvnref1 -d link show veth1   # ~4.5 s: learning
