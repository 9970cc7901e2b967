ip netns exec uvnref1 ping -c 3 10.1.0.99
