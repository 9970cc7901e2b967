ip -n uvnref1 link set br0 type bridge vlan_protocol 802.1ad
