ip -n uvnref2 -o link show
