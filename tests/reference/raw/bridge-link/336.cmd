ip -n uvnref1 -d link show veth3
