ip -n uvnr-br link set br0 type bridge mcast_querier 2; ip -n uvnr-br -d link show br0 | grep -o 'mcast_querier [0-9]*'; ip -n uvnr-br link set br0 type bridge mcast_querier 0
