ip -n uvnref3 link show
