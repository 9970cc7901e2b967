ip -n uvnref1 link set veth3 master veth1     # veth1 is not a master
