ip -n uvnref1 -d link show br0   # all ports removed
