ip netns exec uvnref1 ping -c 1
