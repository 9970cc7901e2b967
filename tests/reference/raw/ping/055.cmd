ip netns exec uvnref1 ping -c 3 -i 0.2 10.1.0.99
