bridge -n uvnref1 fdb add 02:00:00:00:aa:03 dev veth5 master
