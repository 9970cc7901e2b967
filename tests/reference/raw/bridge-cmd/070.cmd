bridge -n uvnref1 fdb show dynamic
