ip -n uvnref3 -d link show br0
