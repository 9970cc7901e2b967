ip -n uvnref3 -j -p -d link show veth32
