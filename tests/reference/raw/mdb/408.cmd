tcpdump -r /work/main/tests/reference/raw/mdb/q3-v3.pcap -nn -tt -v 2>/dev/null
