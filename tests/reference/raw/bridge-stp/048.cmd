kill -INT 6961; sleep 0.5; cat raw/bridge-stp/tcpdump-converge.err
