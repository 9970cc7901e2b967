ip -n uvnr-br link xstats type bridge_slave dev p1   # mcast_stats_enabled 1 since the ip -d link section
