bridge -n uvnref1 m
