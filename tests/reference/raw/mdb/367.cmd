ip -n uvnr-br link set br0 type bridge mcast_stats_enabled 0; mcsend h1 igmp2 join 239.30.0.9; sleep 0.2; ip -n uvnr-br link xstats type bridge_slave dev p1   # disabled: counters frozen
