ip netns exec uvnref1 sysctl -w net.ipv4.neigh.veth1.base_reachable_time_ms=1000
