ip -n uvnref1 link xstats type bridge dev br0 igmp
