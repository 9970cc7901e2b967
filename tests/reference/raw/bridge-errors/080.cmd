ip -n uvnref1 link set br0 type bridge group_address 01:80:c2:00:00:00
