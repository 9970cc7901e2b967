tcpdump -r /work/main/tests/reference/raw/mdb/q4-leave-v2mld.pcap -nn -tt -v 2>/dev/null
