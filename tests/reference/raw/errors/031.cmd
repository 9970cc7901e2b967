ip -n uvnref1 link add veth9 type veth peer name veth1    # peer name exists
