ip -n uvnr-br link set br0 type bridge mcast_router 3
