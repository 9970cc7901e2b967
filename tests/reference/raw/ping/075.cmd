ip netns exec uvnref1 ping -c 1 300.1.1.1
