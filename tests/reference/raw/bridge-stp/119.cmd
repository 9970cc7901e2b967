tshark -r raw/bridge-stp/newport-veth21.pcap -Y 'stp.flags.tcack == 1' -V | sed '/^$/q'
