ip -n uvnref1 link set br0 type bridge mcast_startup_query_interval 50
