ip -n uvnref1 route add blackhole 10.50.0.0/16
