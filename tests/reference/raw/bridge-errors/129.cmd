ip -n uvnref1 link show br9
