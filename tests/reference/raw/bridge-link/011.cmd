ip -n uvnref1 -o -d link show br0
