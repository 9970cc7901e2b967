ip netns exec uvnref1 ping -w 2 10.2.0.3
