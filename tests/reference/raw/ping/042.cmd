ip netns exec uvnref1 ping -w 2 10.1.0.2
