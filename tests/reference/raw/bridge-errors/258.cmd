bridge -n uvnref1 fdb append 02:00:00:00:aa:01 dev veth3 master static
