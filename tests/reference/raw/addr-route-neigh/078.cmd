ip -n uvnref1 link del veth3
