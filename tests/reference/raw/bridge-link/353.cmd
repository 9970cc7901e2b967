ip -n uvnref1 -j -p link xstats type bridge dev br0
