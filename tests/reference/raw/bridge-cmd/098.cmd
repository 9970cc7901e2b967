bridge -n uvnref1 fdb add 01:00:5e:00:00:fb dev veth5 master static   # multicast MAC
