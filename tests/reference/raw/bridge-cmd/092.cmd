bridge -n uvnref1 fdb add 02:00:00:00:aa:0d dev veth5 self   # the port's own unicast list
