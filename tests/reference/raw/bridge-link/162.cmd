ip -n uvnref1 link set veth1 nomaster
