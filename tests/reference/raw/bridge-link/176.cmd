ip -n uvnref1 -br link show master br0
