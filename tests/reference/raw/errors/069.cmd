ip -n uvnref1 link add name vethx1 type veth peer name vethx2 netns nosuch
