ip -n uvnref1 -4 addr flush dev veth3
