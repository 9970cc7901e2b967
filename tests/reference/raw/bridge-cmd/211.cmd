bridge -n uvnref1 link set dev veth1 bcast_flood on
