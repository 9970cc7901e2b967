ip -n uvnref1 route add 10.21.0.0/16 via 10.1.0.1                 # gateway is a local address
