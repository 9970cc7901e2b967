ip -n uvnr-br -d link show br0 | grep -o 'mcast_snooping [0-9] \|mcast_hash_max [0-9]*'; bridge -n uvnr-br mdb show
