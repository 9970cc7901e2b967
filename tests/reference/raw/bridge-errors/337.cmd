bridge -n uvnref1 link set dev veth1 cost 5 self
