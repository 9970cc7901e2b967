ip -n uvnref1 link set br0 mtu 70000
