ip -n uvnref1 link show master br1
