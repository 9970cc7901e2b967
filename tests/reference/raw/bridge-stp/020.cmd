ip netns exec uvnref2 timeout 15 tcpdump -i veth21 -n -w raw/bridge-stp/config.pcap -c 5 stp
