bridge -n uvnref1 fdb get 02:00:00:00:aa:99 br veth5
