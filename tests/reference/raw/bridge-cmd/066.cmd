bridge -n uvnref1 -j -p fdb show
