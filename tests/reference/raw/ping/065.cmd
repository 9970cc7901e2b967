ip netns exec uvnref1 ping -W 1 -c 2 -i 0.3 10.2.0.3
