ip -n uvnr-br -d link show p1
