ip -n uvnr-br -j -d link show p1
