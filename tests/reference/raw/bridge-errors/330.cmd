bridge -n uvnref1 link set dev veth1 mcast_router 4
