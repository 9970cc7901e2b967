bridge -n uvnref1 link set dev veth1 cost 10 priority 5 guard on hairpin on learning off flood off mcast_flood off bcast_flood off isolated on state 3
