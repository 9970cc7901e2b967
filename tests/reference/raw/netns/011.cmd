ip netns
