ip -n uvnr-q link set br0 type bridge mcast_querier_interval 25500
