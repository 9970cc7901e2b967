tcpdump -r /work/main/tests/reference/raw/mdb/q4-leave-v2mld.pcap -nn -XX 'ip6 and ip6[48]==130' 2>/dev/null | head -8
