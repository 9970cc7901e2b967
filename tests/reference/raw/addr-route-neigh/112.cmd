ip -n uvnref1 -6 route show
