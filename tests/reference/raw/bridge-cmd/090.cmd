bridge -n uvnref1 fdb add 02:00:00:00:aa:0b dev veth5 master router
