ip -n uvnref1 link set veth1 address 00:00:00:00:00:00
