ip -n uvnref1 -o -4 addr
