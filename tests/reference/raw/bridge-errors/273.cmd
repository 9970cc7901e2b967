bridge -n uvnref1 fdb add 02:00:00:00:aa:05 dev veth1 master static nhid 5
