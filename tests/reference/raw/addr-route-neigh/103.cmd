ip -n uvnref1 route show scope link
