bridge -n uvnref1 link show dev veth1
