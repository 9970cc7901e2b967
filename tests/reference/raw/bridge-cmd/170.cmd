ip -n uvnref1 link set br0 type bridge fdb_flush; bridge -n uvnref1 fdb show br br0
