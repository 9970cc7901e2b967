ip -n uvnr-br link xstats type bridge_slave
