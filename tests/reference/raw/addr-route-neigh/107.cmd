ip -n uvnref1 route show match 10.20.1.1
