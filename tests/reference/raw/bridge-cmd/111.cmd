bridge -n uvnref1 fdb replace 02:00:00:00:aa:01 dev veth3 master static   # move to another port
