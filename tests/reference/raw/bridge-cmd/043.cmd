bridge -n uvnref1 -d -j link show dev veth1
