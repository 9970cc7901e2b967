ip -n uvnref2 -d link show veth21
