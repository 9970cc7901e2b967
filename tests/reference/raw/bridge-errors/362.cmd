bridge -n uvnref1 mdb show
