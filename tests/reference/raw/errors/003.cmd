ip -n uvnref1 link add veth1 type veth peer name veth2
