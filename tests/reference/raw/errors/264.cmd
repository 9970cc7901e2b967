ip -n uvnref1 -6 route add fd00:99::/64 via fd00:77::1
