ip -n uvnref2 link set br0 netns uvnref1
