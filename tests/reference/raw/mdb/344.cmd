ip -n uvnr-br link set br0 type bridge vlan_filtering 1
