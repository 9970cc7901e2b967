ip -n uvnref1 route add 10.0.0.0/8 via 10.99.99.99
