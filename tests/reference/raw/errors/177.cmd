ip netns add
