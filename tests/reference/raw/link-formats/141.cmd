ip -n uvnref1 addr add 10.3.0.1/24 dev tun0
