bridge -n uvnref1 link set dev veth1 priority 5
