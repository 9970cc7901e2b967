ip -n uvnref1 link add veth1 address 02:00:00:00:01:01 type veth peer name veth2 address 02:00:00:00:02:02
