bridge -n uvnref1 -j mdb show
