ip -n uvnref1 link set veth4 netns uvnref1    # same namespace
