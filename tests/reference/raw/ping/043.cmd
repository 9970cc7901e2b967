ip netns exec uvnref1 ping -w 2 -c 1 10.1.0.2
