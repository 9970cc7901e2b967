ip -n uvnr-br link set br0 type bridge mcast_hash_max 1000; ip -n uvnr-br -d link show br0 | grep -o 'mcast_hash_max [0-9]*'; ip -n uvnr-br link set br0 type bridge mcast_hash_max 4096
