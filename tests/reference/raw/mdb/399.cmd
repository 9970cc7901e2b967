tcpdump -r /work/main/tests/reference/raw/mdb/q1-startup.pcap -nn -XX 'igmp[0] == 0x11' 2>/dev/null | head -5
