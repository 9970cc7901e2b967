bridge -n uvnref1 fdb add 02:00:00:00:aa:0c dev veth5 master dynamic extern_learn
