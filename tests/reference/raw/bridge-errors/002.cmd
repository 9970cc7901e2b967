ip netns add uvnref2
