ip -n uvnref2 link set veth2 netns uvnref3 name vethB
