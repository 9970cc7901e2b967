ip -n uvnref1 -j -p route show
