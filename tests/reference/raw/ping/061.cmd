ip netns exec uvnref1 ping -c 2 10.60.0.1
