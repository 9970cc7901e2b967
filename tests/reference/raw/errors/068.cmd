ip -n uvnref1 link add link veth1 name veth1.10 type vlan id 10
