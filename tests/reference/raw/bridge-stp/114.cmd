ip -n uvnref1 link xstats type bridge_slave dev veth12 stp
