kill -INT 7368 7369; sleep 0.5; cat raw/bridge-stp/tcpdump-veth21.err raw/bridge-stp/tcpdump-veth32.err
