ip -n uvnref1 link add br3 type bridge vlan_default_pvid 0   # vlan option at creation
