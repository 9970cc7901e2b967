ip -n uvnref1 link set veth1 address 01:00:00:00:00:01
