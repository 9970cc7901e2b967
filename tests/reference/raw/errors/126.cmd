ip -n uvnref1 link set veth1b name veth1
