ip -n uvnref1 link show master br0
