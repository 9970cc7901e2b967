ip -n uvnref1 link set veth3 master br1       # already enslaved to br0
