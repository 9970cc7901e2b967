bridge -n uvnref1 fdb show dev veth7   # not a port
