ip -n uvnr-q addr add 10.9.1.1/24 dev br0; ip netns exec uvnr-qh timeout 3 tcpdump -i qh -nn -tt 'igmp[0] == 0x11' 2>/dev/null   # use_ifaddr 0, address 10.9.1.1
