ip -n uvnref1 route add unreachable 10.51.0.0/16
