bridge -n uvnref1 fdb replace 02:00:00:00:01:01 dev veth3 master static
