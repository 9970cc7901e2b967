ip -n uvnref1 link show group 5
