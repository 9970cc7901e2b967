ip -n uvnref1 -o link
