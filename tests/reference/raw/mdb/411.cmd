tcpdump -r /work/main/tests/reference/raw/mdb/q3-v3.pcap -nn -XX 'igmp[0] == 0x11' 2>/dev/null | head -5
