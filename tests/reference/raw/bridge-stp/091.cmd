ip -n uvnref3 link xstats type bridge_slave stp
