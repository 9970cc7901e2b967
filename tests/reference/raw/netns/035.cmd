ip netns exec uvnref1 false
