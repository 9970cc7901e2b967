ip -n uvnr-br -s -s -d link show p1
