ip -n uvnref2 -d link show br0
