ip -n uvnref1 link show br0
