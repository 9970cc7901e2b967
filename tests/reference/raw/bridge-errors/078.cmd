ip -n uvnref1 link set br0 type bridge group_address 00:11:22:33:44:55
