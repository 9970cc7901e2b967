tshark -r raw/bridge-stp/config.pcap -c 1 -V
