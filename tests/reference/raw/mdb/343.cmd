ip -n uvnr-br link set br0 type bridge mcast_vlan_snooping 1
