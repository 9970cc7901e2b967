ip netns exec uvnref2 sysctl -w net.ipv4.ip_forward=1
