ip -n uvnr-br link set br0 type bridge mcast_igmp_version 4
