ip -n uvnr-br link set br0 type bridge mcast_mld_version 3
