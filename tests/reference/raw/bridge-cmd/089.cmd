bridge -n uvnref1 fdb add 02:00:00:00:aa:0a dev veth5 master use
