ip -n uvnr-q link xstats type bridge_slave dev q1
