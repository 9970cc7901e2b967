kill -INT 7934; sleep 0.5; cat raw/bridge-stp/tcpdump-newport.err
