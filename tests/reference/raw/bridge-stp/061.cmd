ip -n uvnref3 -d link show veth32
