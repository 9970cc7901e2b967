tshark -r raw/bridge-stp/converge-veth21.pcap -Y 'stp.flags.tcack == 1' -V | sed '/^$/q'
