ip -n uvnref1 link add name vethx1 netns nosuch type veth
