ip -n uvnref1 link show group default
