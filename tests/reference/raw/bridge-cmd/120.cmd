bridge -n uvnref1 fdb get to 02:00:00:00:aa:03 br br0
