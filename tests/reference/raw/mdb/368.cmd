nlmdb flush dev br0; ip -n uvnr-br link set br0 type bridge mcast_membership_interval 300 mcast_querier_interval 300 mcast_igmp_version 3 mcast_mld_version 2
