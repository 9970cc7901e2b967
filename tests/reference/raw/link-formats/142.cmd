ip -n uvnref1 addr show dev tun0
