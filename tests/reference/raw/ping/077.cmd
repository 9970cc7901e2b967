ip netns exec uvnref1 ping -c 0 10.1.0.2
