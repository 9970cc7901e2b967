ip -n uvnref2 -j link show
