tcpdump --version 2>&1 | head -1; tshark -v | head -1; /usr/bin/python3 -c 'import scapy; print("scapy", scapy.__version__)'
