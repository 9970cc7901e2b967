ip netns add uvnref1
