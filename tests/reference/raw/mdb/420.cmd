tshark -r /work/main/tests/reference/raw/mdb/q4-leave-v1.pcap -Y 'icmpv6.type == 130' -V | sed '/^$/q'
