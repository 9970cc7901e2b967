bridge -n uvnref1 fdb del 02:00:00:00:aa:02 dev veth5 master static   # state keyword ignored for del?
