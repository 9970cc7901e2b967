bridge -n uvnref1 fdb del 02:00:00:00:aa:09 dev veth5 master vlan 1
