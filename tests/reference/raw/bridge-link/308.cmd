ip -n uvnref1 link set veth3 nomaster
