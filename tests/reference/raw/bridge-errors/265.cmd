bridge -n uvnref1 fdb add 00:00:00:00:00:00 dev veth1 master static
