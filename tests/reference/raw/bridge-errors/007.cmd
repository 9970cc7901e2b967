ip -n uvnref1 link add veth5 address 02:00:00:00:05:05 type veth peer name veth6 address 02:00:00:00:06:06
