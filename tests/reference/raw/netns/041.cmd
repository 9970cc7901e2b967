ip netns exec uvnref1
