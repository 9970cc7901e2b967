ip netns exec uvnref1 ping -c 1 -6 10.1.0.2
