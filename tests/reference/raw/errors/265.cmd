ip -n uvnref1 route flush
