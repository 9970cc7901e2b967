ip netns exec uvnref1 ping -t 0 -c 1 10.1.0.2
