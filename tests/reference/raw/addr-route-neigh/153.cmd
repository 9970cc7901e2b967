ip -n uvnref1 route show   # peer down: linkdown flag
