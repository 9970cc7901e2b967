ip -n uvnref1 link show br5   # one port, up
