bridge -n uvnref1 -s fdb get 02:00:00:00:aa:03 br br0
