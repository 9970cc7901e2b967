ip -n uvnr-br -j -p -d link show br0 | grep -E 'mcast|multicast'
