ip -n uvnref1 link set veth5 address 02:11:22:33:44:55
