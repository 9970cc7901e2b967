ip netns set uvnref2 5              # id already used
