ip netns exec uvnref1 ping -s -1 -c 1 10.1.0.2
