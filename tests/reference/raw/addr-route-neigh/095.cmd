ip -n uvnref1 -o route show
