ip -n uvnref1 -d link show br0   # after veth1 (lower MAC)
