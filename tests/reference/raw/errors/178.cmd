ip netns add a/b
