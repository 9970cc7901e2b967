bridge -n uvnref1 fdb add 02:00:00:00:aa:11 dev br0 master
