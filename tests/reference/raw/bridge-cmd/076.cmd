bridge -n uvnref1 fdb show vlan 1
