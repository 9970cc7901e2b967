ip -n uvnr-br link set br0 type bridge mcast_igmp_version 3 mcast_mld_version 2
