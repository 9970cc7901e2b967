tcpdump -r raw/bridge-stp/newport-veth21.pcap -n -e -v -x 'stp and ether src 02:00:00:00:21:21' -c 1
