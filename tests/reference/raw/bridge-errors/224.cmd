ip -n uvnref1 link set veth3 netns uvnref2   # moving a port to another namespace
