ip netns exec uvnr-qh timeout 3 tcpdump -i qh -nn -tt 'igmp[0] == 0x11' 2>/dev/null   # use_ifaddr 0, no address
