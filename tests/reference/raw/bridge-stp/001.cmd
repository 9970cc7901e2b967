tcpdump --version
