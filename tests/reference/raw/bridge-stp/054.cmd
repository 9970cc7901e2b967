tcpdump -r raw/bridge-stp/config.pcap -n -e -v -x -c 1
