ip -n uvnref2 link xstats type bridge_slave dev veth21 stp
