ip -n uvnref1 link set br0 type bridge mcast_query_response_interval 20000
