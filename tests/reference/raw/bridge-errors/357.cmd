bridge -n uvnref1 vlan del vid 10 dev veth1
