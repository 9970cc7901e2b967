ip -n uvnref1 link set lo up
