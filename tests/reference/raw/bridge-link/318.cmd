ip -n uvnref1 -d link show veth1   # ~2 s: listening
