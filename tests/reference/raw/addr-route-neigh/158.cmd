ip netns exec uvnref1 sysctl net.ipv6.conf.veth1.keep_addr_on_down
