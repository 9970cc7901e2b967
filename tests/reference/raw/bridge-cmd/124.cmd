bridge -n uvnref1 -d fdb get 02:00:00:00:aa:03 br br0
