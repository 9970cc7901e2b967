ip -n uvnref1 route show 10.20.0.0/16
