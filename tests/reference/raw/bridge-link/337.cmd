bridge -n uvnref1 link
