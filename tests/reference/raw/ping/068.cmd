ip netns exec uvnref1 ping -c 2 -w 1 10.2.0.3
