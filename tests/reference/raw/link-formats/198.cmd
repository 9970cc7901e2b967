ip -n uvnref1 -br link show dev br0
