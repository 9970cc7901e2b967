ip -n uvnref1 link set veth3b name veth3
