ip -n uvnref1 a
