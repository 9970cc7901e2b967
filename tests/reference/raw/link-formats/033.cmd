ip -n uvnref1 -j -p link show
