ip -n uvnref1 -d link show veth1   # ~0.5 s: listening
