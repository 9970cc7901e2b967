ip netns set uvnref2 auto
