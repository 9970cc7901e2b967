ip -n uvnref1 -s neigh flush dev veth1 nud all
