ip -n uvnref2 -d -j link show
