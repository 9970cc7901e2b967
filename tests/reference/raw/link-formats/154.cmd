ip -n uvnref1 link set veth5 mtu 9000
