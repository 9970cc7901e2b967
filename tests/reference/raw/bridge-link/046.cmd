ip -n uvnref1 link del br2
