ip -n uvnref1 link add name vethx1 type veth peer name veth2 netns uvnref2   # peer name exists in target ns
