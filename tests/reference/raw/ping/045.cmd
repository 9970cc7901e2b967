ip netns exec uvnref1 ping -4 -c 1 10.1.0.2
