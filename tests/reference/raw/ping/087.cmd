ip netns exec uvnref1 ping
