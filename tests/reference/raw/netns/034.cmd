ip netns exec uvnref1 true
