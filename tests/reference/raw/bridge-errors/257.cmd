bridge -n uvnref1 fdb add 02:00:00:00:aa:01 dev veth3 master static   # same MAC, other port
