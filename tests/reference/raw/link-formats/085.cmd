ip -n uvnref2 -j -p link show
