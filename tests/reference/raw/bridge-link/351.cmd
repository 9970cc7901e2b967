ip -n uvnref1 link xstats type bridge
