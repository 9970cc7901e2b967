bridge -n uvnref1 fdb add 02:00:00:00:aa:02 dev veth1 master static dst 10.0.0.1
