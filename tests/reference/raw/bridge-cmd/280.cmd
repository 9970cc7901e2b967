bridge -n uvnref1 fdb show dev veth1
