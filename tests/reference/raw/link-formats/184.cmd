ip -n uvnref1 link set dev veth5 down mtu 1500 txqueuelen 1000 group default
