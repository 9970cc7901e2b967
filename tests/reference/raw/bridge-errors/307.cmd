bridge -n uvnref1 fdb bogus
