ip netns add uvnref3
