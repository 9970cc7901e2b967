ip -n uvnref1 link add
