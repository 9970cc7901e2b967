ip -n uvnr-q link add br0 address 02:00:00:00:0a:00 type bridge mcast_querier 1 mcast_startup_query_interval 100 mcast_query_interval 200 mcast_query_response_interval 100 mcast_stats_enabled 1
