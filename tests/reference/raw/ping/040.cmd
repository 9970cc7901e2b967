ip netns exec uvnref1 ping -c 2 -t 5 10.2.0.3
