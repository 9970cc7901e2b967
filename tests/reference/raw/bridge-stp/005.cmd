ip -n uvnref1 link add veth12 address 02:00:00:00:12:12 type veth peer name veth21 address 02:00:00:00:21:21 netns uvnref2
