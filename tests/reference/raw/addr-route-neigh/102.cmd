ip -n uvnref1 route show proto kernel
