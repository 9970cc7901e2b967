bridge -n uvnref1 fdb show   # fresh, all down, no traffic
