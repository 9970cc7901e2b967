ip -n uvnref1 -o link show dev tap0
