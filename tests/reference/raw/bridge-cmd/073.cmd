bridge -n uvnref1 fdb show state dynamic
