ip -n uvnref1 l
