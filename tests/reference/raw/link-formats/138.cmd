ip -n uvnref1 -br link show dev tun0
