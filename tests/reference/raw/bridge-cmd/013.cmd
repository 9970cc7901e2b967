ip netns add uvnref4
