ip -n uvnref1 link show br0      # up, no ports
