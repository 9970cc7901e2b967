ip -n uvnref3 link xstats type bridge_slave dev veth32 stp
