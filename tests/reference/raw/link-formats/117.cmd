ip -n uvnref1 -br link show dev tap0
