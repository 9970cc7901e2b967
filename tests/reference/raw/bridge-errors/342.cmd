bridge -n uvnref1 link add dev veth1
