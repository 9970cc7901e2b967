bridge -n uvnref1 monitor bogus
