ip -n uvnref1 route add 10.2.0.0/24 via 10.1.0.2
