ip -n uvnref1 link set br0 type bridge mcast_querier_interval 20000
