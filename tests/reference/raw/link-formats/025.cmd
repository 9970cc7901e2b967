ip -n uvnref1 -j addr show
