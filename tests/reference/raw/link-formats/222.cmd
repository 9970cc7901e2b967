ip -n uvnref1 link list
