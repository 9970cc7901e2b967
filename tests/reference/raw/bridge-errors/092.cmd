ip -n uvnref1 link set br0 type bridge mcast_router 256
