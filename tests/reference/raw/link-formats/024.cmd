ip -n uvnref1 -o addr show
