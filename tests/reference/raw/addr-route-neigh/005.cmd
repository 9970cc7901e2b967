ip -n uvnref2 link set lo up
