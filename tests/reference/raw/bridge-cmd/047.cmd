bridge -n uvnref1 -o link
