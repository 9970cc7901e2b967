ip -n uvnref1 -d link show dev tun0
