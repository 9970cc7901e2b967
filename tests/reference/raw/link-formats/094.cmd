ip -n uvnref1 link set veth4 netns 22847   # PID of the unnamed namespace
