ip -n uvnref2 link add veth2 type veth peer name other
