ip netns exec uvnref1 ping -c 2 -I 10.1.0.1 10.1.0.2
