ip -n uvnref1 link add veth13 address 02:00:00:00:13:13 type veth peer name veth31 address 02:00:00:00:31:31 netns uvnref3
