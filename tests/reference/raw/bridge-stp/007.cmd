ip -n uvnref2 link add veth23 address 02:00:00:00:23:23 type veth peer name veth32 address 02:00:00:00:32:32 netns uvnref3
