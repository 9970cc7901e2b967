bridge -n uvnref1 -j -p -d link show dev veth1
