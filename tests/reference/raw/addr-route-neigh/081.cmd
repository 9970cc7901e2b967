ip -n uvnref1 r
