bridge -n uvnref1 -j fdb show
