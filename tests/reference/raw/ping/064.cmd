ip netns exec uvnref1 ping -W 1 -c 1 10.2.0.3
