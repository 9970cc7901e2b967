ip -n uvnref1 -6 route add fd00:99::/64 via fd00:5::99   # gw inside fd00:5::/64 on veth1: ok
