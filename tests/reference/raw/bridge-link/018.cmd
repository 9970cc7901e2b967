ip -n uvnref1 -br link show br0
