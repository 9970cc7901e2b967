ip netns exec uvnref1 ping -c abc 10.1.0.2
