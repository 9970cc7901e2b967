ip -n uvnref1 link add veth3 address 02:00:00:00:03:03 type veth peer name veth4 address 02:00:00:00:04:04 netns uvnref3
