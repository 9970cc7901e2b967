ip -n uvnref1 link set veth1 txqlen 4294967296
