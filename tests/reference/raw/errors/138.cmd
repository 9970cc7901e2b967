ip -n uvnref1 link set veth2 netns uvnref2    # name 'veth2' exists in uvnref2
