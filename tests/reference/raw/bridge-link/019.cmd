ip -n uvnref1 addr show br0
