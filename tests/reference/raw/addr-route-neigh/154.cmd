ip -n uvnref1 -j route show
