ip netns exec uvnref1 ping -c 3 10.2.0.99
