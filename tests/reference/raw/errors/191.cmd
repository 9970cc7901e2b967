ip netns set uvnref1 -5
