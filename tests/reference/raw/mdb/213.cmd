ip -n uvnr-br link set br0 type bridge mcast_igmp_version 2 mcast_mld_version 1; bridge -n uvnr-br -d mdb show | grep 239.3.2.1
