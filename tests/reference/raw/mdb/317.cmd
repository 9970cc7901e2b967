ip -n uvnr-br -j -d link show br0
