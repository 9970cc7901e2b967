bridge -n uvnref1 mdb bogus
