tcpdump -r /work/main/tests/reference/raw/mdb/q1-startup.pcap -nn -XX 'ip6 and ip6[6]==0 and ip6[48]==130' 2>/dev/null | head -7
