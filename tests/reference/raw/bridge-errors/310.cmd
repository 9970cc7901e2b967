bridge -n uvnref1 link set dev veth5 cost 5       # not a port
