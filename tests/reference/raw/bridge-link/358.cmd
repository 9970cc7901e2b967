ip -n uvnref1 link xstats type bridge_slave dev veth1 stp
