bridge -n uvnref1 -s link
