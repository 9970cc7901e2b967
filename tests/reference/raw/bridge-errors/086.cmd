ip -n uvnref1 link set br0 type bridge vlan_default_pvid 4095
