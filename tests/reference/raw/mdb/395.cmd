tcpdump -r /work/main/tests/reference/raw/mdb/q1-startup.pcap -nn -tt -v 2>/dev/null
