bridge -n uvnref1 link show dev veth5     # not a port: nothing
