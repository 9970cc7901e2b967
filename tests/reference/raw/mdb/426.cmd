tshark -r /work/main/tests/reference/raw/mdb/q4-leave-v3.pcap -Y 'igmp.type == 0x11' -V | sed '/^$/q'
