ip netns exec uvnref1 ping -s 70000 -c 1 10.1.0.2
