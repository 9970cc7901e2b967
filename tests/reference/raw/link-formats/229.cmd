ip -n uvnref1 -d link
