ip -n uvnref1 link show br5   # fresh, up, never had a port
