bridge -n uvnref1 fdb add 02:00:00:00:01:01 dev veth3 master static   # the local address of veth1
