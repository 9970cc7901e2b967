ip -n uvnref1 addr add
