ip netns exec uvnref1 ping -c 1 -D 10.1.0.2
