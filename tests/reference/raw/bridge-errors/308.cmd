bridge -n uvnref1 fdb sh
