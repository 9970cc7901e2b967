ip -n uvnref1 link set veth3 name veth4       # existing name (veth3 down)
