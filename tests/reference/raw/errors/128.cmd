ip -n uvnref1 link set veth3 name veth3       # same name
