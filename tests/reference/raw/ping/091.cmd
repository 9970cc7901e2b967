ip netns exec uvnref1 ping -c 1 -I 10.9.9.9 10.1.0.2
