ip -n uvnr-q link xstats type bridge dev br0
