tcpdump -r /work/main/tests/reference/raw/mdb/q1-startup.pcap -nn -ttttt 'igmp or (ip6 and ip6[6]==0)' 2>/dev/null   # time relative to the first packet
