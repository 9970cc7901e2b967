ip -n uvnref1 route add 10.41.1.1 via 10.1.0.2
