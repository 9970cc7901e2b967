bridge -n uvnref1 -d link show dev veth1
