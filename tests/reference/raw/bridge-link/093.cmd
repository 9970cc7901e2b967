ip -n uvnref1 link set br0 type bridge mcast_query_use_ifaddr 1
