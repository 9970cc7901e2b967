ip -n uvnref1 route add 10.42.0.0/16 via 10.1.0.2 proto static
