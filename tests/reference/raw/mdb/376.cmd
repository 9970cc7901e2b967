nlmdb flush dev br0; ip -n uvnr-br link set br0 type bridge mcast_igmp_version 2 mcast_mld_version 1
