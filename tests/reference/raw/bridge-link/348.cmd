ip -n uvnref1 -s link show br0
