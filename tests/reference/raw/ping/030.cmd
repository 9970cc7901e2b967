ip netns exec uvnref1 ping -c 2 -s 8 10.1.0.2
