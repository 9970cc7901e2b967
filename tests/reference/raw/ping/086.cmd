ip netns exec uvnref1 ping -Z 10.1.0.2
