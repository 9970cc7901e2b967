ip netns exec uvnref1 ping -c 1 10.99.0.1
