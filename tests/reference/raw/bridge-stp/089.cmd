tshark -r raw/bridge-stp/tcn-veth32.pcap -Y 'stp.type == 0x80' -V | sed '/^$/q'   # (none: uvnref3 has no designated port left, so no TCN)
