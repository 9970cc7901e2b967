ip -n uvnref1 link add veth9 type veth peer name abcdefghijklmnop
