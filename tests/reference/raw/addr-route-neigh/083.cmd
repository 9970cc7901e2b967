ip -n uvnref1 route add default via 10.1.0.2
