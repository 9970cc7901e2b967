ip -n uvnref2 link set veth4 netns uvnref1
