ip -n uvnref2 link add other type veth peer name other2
