ip -n uvnref1 link add foo address 01:00:00:00:00:01 type veth
