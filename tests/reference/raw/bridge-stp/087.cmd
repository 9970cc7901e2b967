tcpdump -r raw/bridge-stp/tcn-veth32.pcap -n -e -v
