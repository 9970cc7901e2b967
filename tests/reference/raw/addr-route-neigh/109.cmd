ip -n uvnref1 -6 route add default via fd00:1::2
