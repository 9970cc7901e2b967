ip netns exec uvnref4 ping -c 1 10.1.0.2
