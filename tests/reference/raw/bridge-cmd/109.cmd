bridge -n uvnref1 fdb append 02:00:00:00:aa:20 dev veth5 master static
