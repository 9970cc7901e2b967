ip -n uvnref1 -s -d link show br0
