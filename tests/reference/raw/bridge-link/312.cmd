ip -n uvnref1 -d link show veth1  # port while bridge down: disabled
