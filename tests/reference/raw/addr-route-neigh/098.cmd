ip -n uvnref1 -d route show
