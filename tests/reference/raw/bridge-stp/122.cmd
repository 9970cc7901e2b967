ip -n uvnref3 link set br0 type bridge priority 4096; sleep 0.5
