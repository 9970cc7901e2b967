bridge -n uvnref1 fdb flush
