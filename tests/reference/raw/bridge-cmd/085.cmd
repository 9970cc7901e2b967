bridge -n uvnref1 fdb add 02:00:00:00:aa:06 dev veth5 master local
