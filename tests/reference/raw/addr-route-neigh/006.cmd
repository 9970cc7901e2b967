ip -n uvnref1 addr add 10.1.0.1/24 brd + dev veth1
