ip -n uvnref1 -d link show br0
