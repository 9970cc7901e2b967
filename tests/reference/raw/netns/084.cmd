ip netns add uvnref5
