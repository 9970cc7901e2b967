ip -n uvnr-br -d link show br0 | grep -o 'mcast_startup_query_interval [0-9]*'
