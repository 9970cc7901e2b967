bridge -n uvnref1 link set dev veth1 cost 2 priority 32
