ip -n uvnref1 -j -4 addr show
