ip -n uvnref3 route add default via 10.2.0.2
