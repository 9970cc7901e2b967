ip -n uvnref1 link set br0 address 02:00:00:00:00:b0; bridge -n uvnref1 fdb show br br0 | grep -v '^33:33\|^01:00:5e'   # explicit bridge MAC
