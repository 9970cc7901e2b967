ip -n uvnref1 link set up
