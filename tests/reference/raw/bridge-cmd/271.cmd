bridge -n uvnref1 -d mdb show
