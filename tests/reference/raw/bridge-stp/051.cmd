tshark -r raw/bridge-stp/converge-veth21.pcap -Y 'stp.type == 0x80' -V | sed '/^$/q'
