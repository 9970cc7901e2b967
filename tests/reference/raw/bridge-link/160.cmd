ip -n uvnref1 link set br0 address 02:00:00:00:00:b0   # explicit address: no longer follows ports
