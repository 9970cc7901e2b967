ip -n uvnr-q link set br0 type bridge mcast_igmp_version 2 mcast_mld_version 1 mcast_query_interval 12500 mcast_startup_query_interval 3125; sleep 0.3
