bridge -n uvnref1 vlan show dev veth1
