ip -n uvnref1 link set veth4 netns uvnref2 name other   # new name exists in target
