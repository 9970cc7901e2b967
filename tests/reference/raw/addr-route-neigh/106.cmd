ip -n uvnref1 route show type blackhole
