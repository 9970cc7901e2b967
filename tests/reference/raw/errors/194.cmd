ip netns set uvnref1 6              # already has an id
