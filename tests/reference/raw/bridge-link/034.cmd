ip -n uvnref1 link set br0 type bridge mcast_vlan_snooping 0
