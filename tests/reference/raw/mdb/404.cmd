ip -n uvnr-q link set br0 type bridge mcast_query_use_ifaddr 1; ip netns exec uvnr-qh timeout 3 tcpdump -i qh -nn -tt 'igmp[0] == 0x11' 2>/dev/null   # use_ifaddr 1
