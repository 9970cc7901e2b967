ip -n uvnref1 -s -j -d link show br0
