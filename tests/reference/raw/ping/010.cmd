ip -n uvnref4 link set lo up
