bridge -n uvnref1 ma
