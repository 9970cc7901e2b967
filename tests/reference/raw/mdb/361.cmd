ip -n uvnr-br -j -p link xstats type bridge dev br0
