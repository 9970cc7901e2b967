ip -n uvnref1 link set veth5 nomaster
