bridge -n uvnref1 fdb get 02:00:00:00:aa:03 br br0 vlan 1
