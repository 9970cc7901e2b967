ip -n uvnref1 link del br9
