ip -n uvnr-br link set br0 type bridge mcast_membership_interval 26000 mcast_querier_interval 25500
