ip -n uvnref1 route add
