ip netns set uvnref1
