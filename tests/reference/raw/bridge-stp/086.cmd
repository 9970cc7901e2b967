tcpdump -r raw/bridge-stp/tcn-veth21.pcap -n -e -v
