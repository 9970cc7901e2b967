ip netns add uvnref6
