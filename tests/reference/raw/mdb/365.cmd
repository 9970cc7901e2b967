ip -n uvnr-br -s -d link show br0
