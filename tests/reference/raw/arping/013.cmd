ip -n uvnref1 link add veth3 type veth peer name veth4
