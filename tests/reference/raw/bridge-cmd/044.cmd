bridge -n uvnref1 -d -j -p link show dev veth1
