ip -n uvnref1 -d link show veth1   # ~8.5 s: forwarding
