bridge -n uvnref1 fdb replace 02:00:00:00:aa:02 dev veth5 master static   # dynamic -> static
