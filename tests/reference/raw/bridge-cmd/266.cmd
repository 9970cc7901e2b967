bridge -n uvnref1 link set dev veth1 cost 2 priority 32 guard off hairpin off learning on flood on mcast_flood on bcast_flood on isolated off
