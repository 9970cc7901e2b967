bridge -n uvnref1 -d fdb show
