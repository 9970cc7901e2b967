tshark -r /work/main/tests/reference/raw/mdb/q1-startup.pcap -Y 'icmpv6.type == 130' -V | sed '/^$/q'
