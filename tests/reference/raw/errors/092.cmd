ip -n uvnref1 link set veth1 mtu 4294967296
