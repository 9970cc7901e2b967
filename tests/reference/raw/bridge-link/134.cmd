ip -n uvnref1 link set br0 type bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 priority 32768 mcast_stats_enabled 0
