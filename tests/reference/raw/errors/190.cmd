ip netns set uvnref1 abc
