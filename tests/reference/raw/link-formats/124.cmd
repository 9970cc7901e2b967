ip -n uvnref1 link show dev tun0
