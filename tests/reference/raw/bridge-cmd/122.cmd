bridge -n uvnref1 -j fdb get 02:00:00:00:aa:03 br br0
