ip -n uvnref1 n
