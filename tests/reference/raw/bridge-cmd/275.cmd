bridge -n uvnref1 -j vlan show
