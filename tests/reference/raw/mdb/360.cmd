ip -n uvnr-br -j link xstats type bridge_slave dev p1
