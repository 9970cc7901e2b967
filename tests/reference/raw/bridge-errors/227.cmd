ip -n uvnref2 link set veth3 netns uvnref1; ip -n uvnref1 link set veth3 master br0
