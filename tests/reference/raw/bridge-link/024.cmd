ip -n uvnref1 link add br9 type bridge vlan_filtering 0
