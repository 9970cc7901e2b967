ip -n uvnr-br link add br0 type bridge mcast_snooping 1
