tshark -r raw/bridge-stp/newport-veth21.pcap -Y 'stp.type == 0x80' -V | sed '/^$/q'
