ip -n uvnref1 -j -p link show dev tun0
