bridge -n uvnref1 -s -d link show dev veth1
