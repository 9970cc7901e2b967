tshark -r /work/main/tests/reference/raw/mdb/q4-leave-v2mld.pcap -Y 'icmpv6.type == 130' -V | sed '/^$/q'
