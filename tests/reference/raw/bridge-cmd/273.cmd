bridge -n uvnref1 vlan show
