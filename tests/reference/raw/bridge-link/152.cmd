ip -n uvnref1 link show br0   # after veth5 (higher MAC: unchanged)
