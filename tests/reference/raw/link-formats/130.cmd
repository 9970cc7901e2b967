ip -n uvnref1 -o link show dev tun0
