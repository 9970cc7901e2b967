tshark -r /work/main/tests/reference/raw/mdb/q3-v3.pcap -Y 'icmpv6.type == 130' -V | sed '/^$/q'
