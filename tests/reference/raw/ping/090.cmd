ip netns exec uvnref1 ping -c 1 -I nosuchdev 10.1.0.2
