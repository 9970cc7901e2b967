ip -n uvnref1 -j link show br0
