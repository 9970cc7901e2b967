tshark -r raw/bridge-stp/tcn-veth21.pcap -Y 'stp.flags.tc == 1' -V | sed '/^$/q'
