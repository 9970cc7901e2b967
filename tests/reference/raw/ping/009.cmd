ip -n uvnref3 link set lo up
