tshark -r /work/main/tests/reference/raw/mdb/q1-startup.pcap -Y 'igmp.type == 0x11' -V | sed '/^$/q'
