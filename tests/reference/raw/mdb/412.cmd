tcpdump -r /work/main/tests/reference/raw/mdb/q3-v3.pcap -nn -XX 'ip6 and ip6[48]==130' 2>/dev/null | head -7
