bridge -n uvnref1 -j -p link
