bridge -n uvnref1 link bogus
