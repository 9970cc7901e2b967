ip -n uvnr-br -d link show br0
