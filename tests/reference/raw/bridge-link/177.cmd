ip -n uvnref1 -d link show master br0
