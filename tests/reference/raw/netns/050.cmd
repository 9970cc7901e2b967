ip -n uvnref1 link set veth2 netns uvnref2
