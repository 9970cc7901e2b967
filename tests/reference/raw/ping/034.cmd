ip netns exec uvnref1 ping -c 2 -n 10.1.0.2
