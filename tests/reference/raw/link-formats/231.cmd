ip -n uvnref1 -s link
