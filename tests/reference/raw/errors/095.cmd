ip -n uvnref1 link set lo mtu 65536
