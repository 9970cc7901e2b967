ip -n uvnref2 link show veth3
