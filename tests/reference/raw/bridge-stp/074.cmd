ip -n uvnref2 -d link show veth23
