ip -n uvnref1 -j -6 route show
