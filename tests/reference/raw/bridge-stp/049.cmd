tcpdump -r raw/bridge-stp/converge-veth21.pcap -n -e -v
