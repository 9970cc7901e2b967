ip -n uvnref1 link add veth5 type veth peer name veth6
