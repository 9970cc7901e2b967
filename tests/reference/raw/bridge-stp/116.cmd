tcpdump -r raw/bridge-stp/newport-veth21.pcap -n -e -v
