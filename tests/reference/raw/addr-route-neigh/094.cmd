ip -n uvnref1 -4 route show
