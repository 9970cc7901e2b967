bridge -n uvnref1 fdb s
